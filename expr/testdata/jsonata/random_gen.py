# Generates random JSONata expressions over the "account" dataset of
# cases.json. Record their results with jsonata-js 2.0.6:
#   python3 random_gen.py && node gen.js random_spec.json > random_all.json
# random.json keeps the cases whose outputs are short and whose results do
# not depend on object key order or on which of several errors jsonata-js's
# asynchronous evaluation reports first.
import random, json
random.seed(7)
names=['Account','Order','Product','Price','Quantity','SKU','OrderID','Description','Colour','Weight','`Product Name`','nothing']
def path(d=0):
    n=random.randint(1,4)
    steps=[]
    for i in range(n):
        r=random.random()
        if r<0.6: s=random.choice(names)
        elif r<0.7: s='*'
        elif r<0.75: s='**'
        elif r<0.85: s='('+expr(d+1)+')'
        else: s='$'
        if random.random()<0.25: s+='['+pred(d+1)+']'
        if random.random()<0.05: s+='[]'
        steps.append(s)
    p='.'.join(steps)
    if random.random()<0.1: p+='^('+random.choice(['','>','<'])+random.choice(['Price','SKU','$','OrderID'])+')'
    if random.random()<0.08: p+='{'+random.choice(['SKU','OrderID','$string(Price)','Colour'])+': '+expr(d+1)+'}'
    return p
def pred(d):
    r=random.random()
    if r<0.3: return str(random.choice([0,1,-1,2,0.5,-2]))
    if r<0.5: return random.choice(names)+' '+random.choice(['>','<','=','!=','>=','<='])+' '+lit()
    return expr(d+1)
def lit():
    return random.choice(['1','0','30','-1','2.5','"a"',"'order103'",'true','false','null','[]','[1,2]','{}',"{'a':1}","'Purple'",'34.45','1e3'])
funcs=[('$sum',1),('$count',1),('$max',1),('$min',1),('$average',1),('$string',1),('$number',1),('$length',1),('$uppercase',1),('$lowercase',1),('$trim',1),('$boolean',1),('$not',1),('$exists',1),('$keys',1),('$distinct',1),('$reverse',1),('$sort',1),('$type',1),('$abs',1),('$floor',1),('$round',2),('$substring',2),('$substringBefore',2),('$contains',2),('$split',2),('$join',2),('$append',2),('$lookup',2),('$merge',1),('$spread',1),('$zip',2),('$pad',2),('$power',2),('$formatBase',2),('$single',1)]
def expr(d=0):
    if d>3: return random.choice([lit(), random.choice(names)])
    r=random.random()
    if r<0.3: return path(d)
    if r<0.4: return lit()
    if r<0.6:
        f,n=random.choice(funcs)
        return f+'('+', '.join(expr(d+1) for _ in range(n))+')'
    if r<0.75: return expr(d+1)+' '+random.choice(['+','-','*','/','%','&','=','!=','<','>','and','or','in'])+' '+expr(d+1)
    if r<0.8: return '['+', '.join(expr(d+1) for _ in range(random.randint(0,3)))+']'
    if r<0.85: return "{'k': "+expr(d+1)+", 'j': "+expr(d+1)+"}"
    if r<0.9: return expr(d+1)+' ? '+expr(d+1)+' : '+expr(d+1)
    if r<0.95: return '$map('+path(d+1)+', function($v, $i){'+random.choice(['$v','$i','$v.Price','$string($v)','[$v]'])+'})'
    return '('+'$x := '+expr(d+1)+'; '+random.choice(['$x','$x[0]','$count($x)','$x.Price'])+')'
data=json.load(open('cases.json'))['datasets']['account']
seen=set(); cases=[]
while len(cases)<3000:
    e=expr()
    if e in seen: continue
    seen.add(e); cases.append({"expr":e,"data":"account"})
json.dump({"datasets":{"account":data},"cases":cases},open('random_spec.json','w'))
